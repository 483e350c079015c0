# Where to run the work: decision record

## Decision

**AWS SageMaker**

Most likely AWS SageMaker, but not settled. It depends on answers you were not sure of ('hardware', 'background', 'weekly hours', 'work', 'data', 'team', 'privacy'); answering them would settle it.

Runner-up: Kaggle Notebooks.

## Situation

| Question | Answer | Said as |
|---|---|---|
| How much can you spend on compute each month? | $50 or more (7895 USD/month) | ldjgy$7895\[42d\]s |
| How long does one run of the job take, start to finish? | More than a day (1008 hours) | ldjgy$7895\[42d\]s |

## Why

- + A SageMaker training job runs as long as the work needs. _(from runtime: More than a day)_

## Alternatives

- **Kaggle Notebooks**: No free notebook runs more than 12 hours in one session. Wins in 14% of the cases you were not sure about, against 74% for AWS SageMaker. Depending on an answer you were not sure of: Kaggle rations GPU time at about 30 hours a week. Depending on an answer you were not sure of: Kaggle rations TPU time at 20 hours a week. Depending on an answer you were not sure of: A notebook service cannot host a model for others to call in production. Depending on an answer you were not sure of: Colab and Kaggle are personal accounts, without central billing or permissions. Depending on an answer you were not sure of: Data uploaded to Kaggle lives on a third-party platform.
- **Colab Pro+**: Even Colab Pro+ stops after 24 hours, so a longer job has to be split and restarted by hand. Wins in 7% of the cases you were not sure about, against 74% for AWS SageMaker. Depending on an answer you were not sure of: A Colab notebook gets one GPU, never several. Depending on an answer you were not sure of: Colab's paid plans sell faster GPUs; CPU-only work gains little from them. Depending on an answer you were not sure of: A notebook service cannot host a model for others to call in production. Depending on an answer you were not sure of: Colab and Kaggle are personal accounts, without central billing or permissions. Depending on an answer you were not sure of: Colab runs on a personal Google account on Google's platform, not in an account your organisation controls.
- **Colab Pro**: Colab Pro documents no continuous run beyond the free tier's hours; the 24-hour runs are a Pro+ feature. Wins in 3% of the cases you were not sure about, against 74% for AWS SageMaker. Depending on an answer you were not sure of: A Colab notebook gets one GPU, never several. Depending on an answer you were not sure of: Colab's paid plans sell faster GPUs; CPU-only work gains little from them. Depending on an answer you were not sure of: Colab lists background execution as a Pro+ feature; sources disagree on whether Pro has it. Depending on an answer you were not sure of: A notebook service cannot host a model for others to call in production. Depending on an answer you were not sure of: Colab and Kaggle are personal accounts, without central billing or permissions. Depending on an answer you were not sure of: Colab runs on a personal Google account on Google's platform, not in an account your organisation controls.
- **Google Colab (free)**: No free notebook runs more than 12 hours in one session. Wins in 1% of the cases you were not sure about, against 74% for AWS SageMaker. Depending on an answer you were not sure of: A Colab notebook gets one GPU, never several. Depending on an answer you were not sure of: Heavy use of free Colab delays your next GPU. Depending on an answer you were not sure of: Free Colab needs the browser tab open. Depending on an answer you were not sure of: A notebook service cannot host a model for others to call in production. Depending on an answer you were not sure of: Colab and Kaggle are personal accounts, without central billing or permissions. Depending on an answer you were not sure of: Colab runs on a personal Google account on Google's platform, not in an account your organisation controls.

## Fit

| Criterion | AWS SageMaker | Kaggle Notebooks | Colab Pro+ | Colab Pro | Google Colab (free) |
|---|---|---|---|---|---|
| budget: $50 or more | fits | fits | fits well | fits | fits |
| runtime: More than a day | fits well | does not fit | does not fit | partly | does not fit |

## What would change it

- Answer the questions you were not sure of first; then I can say which single answer would change the recommendation.

## Caveats

- No notebook service here runs one session for more than a day; unless you use SageMaker, save checkpoints and resume the job in a new session.
  - Longest session: Up to 12 hours, often less, depending on availability and your recent usage — <https://research.google.com/colaboratory/faq.html> (checked 2026-09)
  - Longest session: 12 hours for CPU and GPU sessions, 9 hours for TPU sessions — <https://www.kaggle.com/docs/notebooks> (checked 2026-09)
  - Longest session: Up to 24 hours of continuous running while compute units last — <https://research.google.com/colaboratory/faq.html> (checked 2026-09)

## From the guide

> Only a SageMaker training job runs as long as the work needs.
>
> — Long jobs, <https://research.google.com/colaboratory/faq.html> (checked 2026-09)

> A longer job on a notebook service has to save checkpoints and be restarted by hand.
>
> — Long jobs, <https://research.google.com/colaboratory/faq.html> (checked 2026-09)

## Facts

| Fact | Value | Source | Checked |
|---|---|---|---|
| Price | Pay for instances while they run, billed per second with no minimum; stop them to stop paying | <https://docs.aws.amazon.com/sagemaker/latest/dg/notebooks-usage-metering.html> | 2026-09 |
| Default instances | ml.t3.medium (CPU) and ml.g4dn.xlarge (GPU, one T4) | <https://docs.aws.amazon.com/sagemaker/latest/dg/notebooks-usage-metering.html> | 2026-09 |
| Free tier | 250 hours a month of ml.t3.medium notebooks (CPU only) for the first 2 months; new accounts get up to $200 of credit over 6 months; a card is required | <https://aws.amazon.com/free/> | 2026-09 |
| GPU quota | New accounts start with a GPU instance quota of 0; raising it takes a support request | <https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-instance-quotas.html> | 2026-07 |
| Longest run | Training jobs run as long as they need, on one or many GPUs, with no notebook session limit | <https://docs.aws.amazon.com/sagemaker/latest/dg/how-it-works-training.html> | 2026-09 |
| Spot training | Managed spot training costs up to 90% less than on-demand; save checkpoints to S3 | <https://docs.aws.amazon.com/sagemaker/latest/dg/model-managed-spot-training.html> | 2026-09 |
| Life cycle | Ground Truth labelling, Feature Store, Studio notebooks, automatic model tuning, Experiments, real-time and serverless endpoints, Model Monitor | <https://docs.aws.amazon.com/sagemaker/latest/APIReference/Welcome.html> | 2026-09 |
| Runs with the browser closed | Yes, training jobs and endpoints need no browser | <https://docs.aws.amazon.com/sagemaker/latest/dg/how-it-works-training.html> | 2026-09 |
| Sign-up | An AWS account with a payment card; GPU quota must be requested | <https://aws.amazon.com/free/> | 2026-09 |

_Rule pack: advisor default pack 2026.11._
