"""`manage.py ensure_database`: create the configured PostgreSQL database if it is missing."""

from typing import Any

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from psycopg import sql


class Command(BaseCommand):
    help = (
        "Create the database named in DATABASE_URL if it does not exist yet; with --recreate, "
        "drop it first (a scratch database, as CI uses); with --drop, only drop it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--recreate", action="store_true", help="drop it first if it exists")
        group.add_argument("--drop", action="store_true", help="drop it and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        db = settings.DATABASES["default"]
        params: dict[str, Any] = {
            "host": db.get("HOST") or None,
            "port": db.get("PORT") or None,
            "user": db.get("USER") or None,
            "password": db.get("PASSWORD") or None,
        }
        name = db["NAME"]
        # Connect to the maintenance database: the target may not exist yet.
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            if options["recreate"] or options["drop"]:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
                self.stdout.write(f"Database {name} dropped.")
                if options["drop"]:
                    return
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists:
                self.stdout.write(f"Database {name} exists.")
                return
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.stdout.write(self.style.SUCCESS(f"Database {name} created."))
