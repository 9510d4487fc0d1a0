"""Rasa NLU training data (a package only so the YAML ships in wheels)."""
