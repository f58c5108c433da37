"""Waiting for what a test needs to have happened, rather than for a fixed time.

A fixed sleep is too short on a busy machine and wasted on an idle one; this
polls the condition and fails, saying what did not happen, at a deadline.
"""

import time


def wait_until(condition, timeout, message, interval=0.1):
    """condition()'s first true value, polled until `timeout` seconds have passed.

    An OSError counts as not yet (a server still starting, a connection
    refused); past the deadline an AssertionError says `message`.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = condition()
        except OSError:
            result = None
        if result:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(f"{message} within {timeout} s")
        time.sleep(interval)
