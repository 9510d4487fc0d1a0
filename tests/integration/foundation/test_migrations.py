from sqlalchemy import inspect, text

from feedback_api.db import make_engine
from feedback_api.migrate import current_revision, head_revision, upgrade


def test_a_fresh_database_upgrades_to_head(fresh_db_url):
    engine = make_engine(fresh_db_url)
    assert current_revision(engine) == head_revision()
    assert {"participants", "responses", "consent_records"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()


def test_upgrading_again_is_harmless(fresh_db_url):
    engine = make_engine(fresh_db_url)
    upgrade(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_a_database_from_the_first_release_upgrades_without_loss(databases):
    url = databases.new_url()
    engine = make_engine(url)
    # Roll the schema back to the first release, fill it as that release would, then upgrade.
    from alembic import command

    from feedback_api.migrate import alembic_config

    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO participants (id, key, channel, language, created_at, last_seen_at)"
                " VALUES (1, :k, 'telegram', 'en', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"k": "a" * 64},
        )
        connection.execute(
            text(
                "INSERT INTO responses (participant_id, campaign, question, text, language,"
                " audience, age_band, created_at) VALUES (1, 'feeling-safe', 'q', 'kept words',"
                " 'en', 'young_person', '13_15', CURRENT_TIMESTAMP)"
            )
        )
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT text FROM responses")).scalar_one() == "kept words"
        assert connection.execute(text("SELECT key FROM participants")).scalar_one() == "a" * 64
    engine.dispose()
