"""Plain data classes that are cheap to define.

``@dataclass`` writes and compiles source code for every class it decorates: 0.3 to 0.6 ms per
class on the development machine. The chat's start-up path and ``advisor recommend`` define about
thirty such classes, some 10 ms of a 250 ms start (``benchmarks/startup.py``). A :class:`Record`
subclass costs about 0.01 ms to define: its fields are read from the class annotations once, and
one shared ``__init__`` fills them in. Type checkers treat it as a dataclass (PEP 681), so
constructor calls are still checked.

    class Answer(Record):
        option: str
        value: float | None = None
        notes: list[str] = field(default_factory=list)

Like a dataclass: fields in annotation order (a subclass's after its bases'), positional or
keyword arguments, defaults, ``field(default_factory=...)``, ``__post_init__``, a readable
``repr``, and ``==`` comparing the fields (unhashable) unless the class says ``eq=False``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, dataclass_transform

T = TypeVar("T")


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], T]) -> T:
    """A field whose default is made fresh for every object (a new list, a new dict)."""
    return _Factory(default_factory)  # type: ignore[return-value]


@dataclass_transform(eq_default=True, field_specifiers=(field,))
class Record:
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, eq: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        annotations = cls.__dict__.get("__annotations__", {})
        own = [name for name, kind in annotations.items() if not str(kind).startswith(("ClassVar", "typing.ClassVar"))]
        fields = tuple(dict.fromkeys((*cls._fields, *own)))
        defaults = dict(cls._defaults)
        for name in own:
            if name in cls.__dict__:
                default = cls.__dict__[name]
                if isinstance(default, list | dict | set):  # one object shared by every instance
                    raise TypeError(f"{cls.__name__}.{name}: a mutable default; use field(default_factory=...)")
                defaults[name] = default
        seen_default = False
        for name in fields:
            if name in defaults:
                seen_default = True
            elif seen_default:
                raise TypeError(f"{cls.__name__}: field '{name}' without a default follows one with a default")
        cls._fields = fields
        cls._defaults = defaults
        if not eq:
            cls.__eq__ = object.__eq__  # type: ignore[method-assign]
            cls.__hash__ = object.__hash__  # type: ignore[method-assign,assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} arguments but {len(args)} were given")
        values = self.__dict__
        for name, value in zip(fields, args):
            values[name] = value
        for name in fields[len(args) :]:
            if name in kwargs:
                values[name] = kwargs.pop(name)
            elif name in self._defaults:
                default = self._defaults[name]
                values[name] = default.make() if type(default) is _Factory else default
            else:
                raise TypeError(f"{type(self).__name__}() missing argument '{name}'")
        if kwargs:
            unknown = next(iter(kwargs))
            raise TypeError(f"{type(self).__name__}() got an unexpected argument '{unknown}'")
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._fields)

    __hash__ = None  # type: ignore[assignment]  # equal by value and mutable: like a dataclass


def asdict(obj: Any) -> Any:
    """Records as dicts, all the way down (lists and tuples stay what they are)."""
    if isinstance(obj, Record):
        return {name: asdict(getattr(obj, name)) for name in obj._fields}
    if isinstance(obj, list | tuple):
        return type(obj)(asdict(v) for v in obj)
    if isinstance(obj, dict):
        return {k: asdict(v) for k, v in obj.items()}
    return obj
