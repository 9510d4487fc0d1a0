"""The Rasa project for the NLU sidecar: config*.yml, domain.yml, data/, tests/heldout.yml.

Data only; the Python that installs, trains and runs it is `nlu.intent_sidecar` and
`nlu.intent_server` (this folder is excluded from mypy and is packaged for its YAML files).
"""
