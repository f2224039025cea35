"""The local provider's per-account windows, beside the per-address and
per-account-and-address windows every auth route has (lib/rate_limit.py).

A stranger who knows someone's email can use up only the windows of their own
address: wrong passwords from everywhere together only slow an account down
to one try a minute per address, so its owner's right password still gets in.
"""

from lib.rate_limit import count, refuse_if_used_up, take, used_up

# Wrong passwords for one account from all addresses together, before the slow path.
ACCOUNT_FAILURES = "50/hour"
# Tries per address and account while the account is past ACCOUNT_FAILURES.
SLOW_PATH = "1/minute"
# Wrong one-time codes per identity, across resends (a new code brings no new tries).
WRONG_CODES = "10/hour"


def before_password_check(email: str, address: str):
    if used_up(ACCOUNT_FAILURES, "sign-in-failures", email):
        take(SLOW_PATH, "sign-in-slow", email, address)


def after_wrong_password(email: str):
    count(ACCOUNT_FAILURES, "sign-in-failures", email)


def before_code_check(sub):
    refuse_if_used_up(WRONG_CODES, "wrong-codes", str(sub), code="code_attempts_exceeded")


def after_wrong_code(sub):
    count(WRONG_CODES, "wrong-codes", str(sub))
