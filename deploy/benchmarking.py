"""What the benchmarks share: a throwaway PostgreSQL database with the seed site in it.

`make bench-search` (search/bench.py) and `python -m policy.bench` measure
requests through Django; they work in a database of their own, made with
Django's test database machinery (migrations included) and dropped at the
end, so they never touch real data.
"""

import contextlib
import os
import sys


@contextlib.contextmanager
def seeded_throwaway_database(name, keep=False):
    """A new database `name` with the seed site, for the `with` block; dropped after it.

    With keep=True it is left in place, for looking into a plan by hand.
    """
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL.")
    connection.settings_dict["TEST"]["NAME"] = name
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False
    )
    try:
        with open(os.devnull, "w") as silence:
            call_command("seed_site", stdout=silence)
        yield connection
    finally:
        if keep:
            sys.stdout.write(f"\nkept the database {name}: drop it when done\n")
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)
