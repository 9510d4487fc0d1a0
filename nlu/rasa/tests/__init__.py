"""Held-out NLU test data, never trained on (a package only so the YAML ships in wheels)."""
