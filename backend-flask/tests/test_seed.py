"""The demo data: it loads, loads again without change, and its people can sign in."""

from pathlib import Path

import psycopg

SEED = Path(__file__).resolve().parents[1] / "db" / "seed.sql"


def load_seed(database_url):
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(SEED.read_text())
        return conn.execute("SELECT count(*) FROM users").fetchone()[0]


def test_seed_is_repeatable_and_demo_people_sign_in(client, database_url):
    first = load_seed(database_url)
    assert first >= 3
    assert load_seed(database_url) == first
    response = client.post("/api/auth/signin", json={"email": "andrew@example.com", "password": "Crud-Demo-2026"})
    assert response.status_code == 200
    profile = client.get("/api/profile", headers={"Authorization": f"Bearer {response.json['access_token']}"})
    assert profile.json["handle"] == "andrewbrown"
