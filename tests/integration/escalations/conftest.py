import pytest
from cryptography.fernet import Fernet

from feedback_api.escalations.sealing import Sealer
from feedback_api.settings import Settings


@pytest.fixture
def settings(tmp_path):
    return Settings(
        var_dir=tmp_path,
        escalation_key=Fernet.generate_key().decode(),
        safeguarding_chat_id="-100200300",
        webhook_url="http://127.0.0.1:9/hook",
    )


@pytest.fixture
def sealer(settings):
    return Sealer.from_settings(settings)
