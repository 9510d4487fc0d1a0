"""Conversation flows: onboarding and consent, the campaign's questions, commands."""
