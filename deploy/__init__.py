"""The production stack: the edge cache, gunicorn, the launcher and the benchmark."""
