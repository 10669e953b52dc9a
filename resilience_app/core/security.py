"""The only place that touches password hashes, session tokens and keyed marks."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from functools import lru_cache
from pathlib import Path

from passlib.context import CryptContext

from resilience_app.core.settings import get_settings

PASSWORD_MIN = 8
# ASVS 5 asks that at least 64 characters be allowed; 128 keeps hashing cost bounded.
PASSWORD_MAX = 128
TOKEN_BYTES = 32  # 256 bits of randomness per login

# argon2id at 64 MiB, 3 passes, 4 lanes (above OWASP's 19 MiB / 2 / 1 floor). A hash made with
# other parameters still verifies, and is re-hashed at these on the next sign-in.
PRODUCTION_COST = {"memory_cost": 65536, "rounds": 3, "parallelism": 4}


class _Hasher:
    """A CryptContext and the dummy hash it checks when a username does not exist."""

    def __init__(self, **cost: int) -> None:
        self.context = CryptContext(
            schemes=["argon2"], argon2__type="ID", **{f"argon2__{name}": v for name, v in cost.items()}
        )
        self._dummy: str | None = None

    @property
    def dummy(self) -> str:
        # Verified against when the username does not exist, so both failures take the same time.
        if self._dummy is None:
            self._dummy = self.context.hash("resilience-timing-equaliser")
        return self._dummy


_hasher = _Hasher(**PRODUCTION_COST)


def use_hash_cost(**cost: int) -> None:
    """Hash at other argon2 parameters from now on (tests make hashing cheap; nothing else may)."""
    global _hasher
    _hasher = _Hasher(**(cost or PRODUCTION_COST))


def hash_password(password: str) -> str:
    return _hasher.context.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant-work check: an unknown user still costs one argon2 verification."""
    try:
        ok = _hasher.context.verify(password, password_hash or _hasher.dummy)
    except (ValueError, TypeError):
        return False
    return ok and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters (or another scheme) than today's."""
    return _hasher.context.needs_update(password_hash)


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    lines = (Path(__file__).parent / "common_passwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password: str, username: str = "") -> str | None:
    """The catalog key of what is wrong with a new password, or None if it is acceptable."""
    if len(password) < PASSWORD_MIN:
        return "error.password_too_short"
    if len(password) > PASSWORD_MAX:
        return "error.password_too_long"
    folded = password.lower()
    if folded in _common_passwords() or len(set(folded)) == 1:
        return "error.password_common"
    if username and folded == username.lower():
        return "error.password_is_username"
    return None


def new_session_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


PUBLIC_ID_LENGTH = 32
_PUBLIC_ID = re.compile(r"[0-9a-f]{32}")


def keyed_mark(purpose: str, *parts: str) -> str:
    """An HMAC-SHA256 of the parts under the app's secret key (hex, 128 bits): a value a browser may keep
    that only this server can tie back to what it was made from."""
    message = "\x1f".join((purpose, *parts)).encode()
    return hmac.new(get_settings().secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def new_public_id() -> str:
    return secrets.token_hex(PUBLIC_ID_LENGTH // 2)


def is_public_id(value: object) -> bool:
    """Stable ids are exactly 32 lowercase hex characters, as new_public_id makes them."""
    return isinstance(value, str) and _PUBLIC_ID.fullmatch(value) is not None
