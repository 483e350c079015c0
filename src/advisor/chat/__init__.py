"""The dialogue: what the advisor says to each thing a person does, and the saved session.

Above the understanding of text and the engine, below the front ends (the chat UI, `advisor
serve`, the command line): ``conversation`` turns picks and typed messages into lines to show,
``replies`` holds every sentence the advisor says, ``state`` saves and resumes sessions.
"""
