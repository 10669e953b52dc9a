import pytest

from resilience_app.core import security


def test_hashes_are_argon2id_and_verify():
    hashed = security.hash_password("tea after the late shift")
    assert hashed.startswith("$argon2id$")
    assert security.verify_password("tea after the late shift", hashed)
    assert not security.verify_password("tea after the late shift!", hashed)


def test_verify_without_a_hash_is_false_but_still_costs_a_check():
    assert security.verify_password("anything at all", None) is False


def test_password_rules_follow_asvs():
    assert security.password_problem("short7!") == "error.password_too_short"
    assert security.password_problem("a" * 7 + "b") is None
    assert security.password_problem("x" * 64 + "yz") is None  # 64+ characters allowed
    assert security.password_problem("x" * 128 + "y") == "error.password_too_long"
    # No composition rules: all lowercase letters and spaces is fine.
    assert security.password_problem("quiet night by the river") is None


def test_common_passwords_are_refused_whatever_the_case():
    for common in ("12345678", "password", "PASSWORD1", "woaini1314", "Qwertyuiop", "88888888"):
        assert security.password_problem(common) == "error.password_common", common
    assert security.password_problem("zzzzzzzzzz") == "error.password_common"


def test_password_equal_to_username_is_refused():
    assert security.password_problem("lin.xiaomei", "Lin.Xiaomei") == "error.password_is_username"


def test_session_tokens_are_long_random_and_stored_hashed():
    tokens = {security.new_session_token() for _ in range(100)}
    assert len(tokens) == 100
    token = next(iter(tokens))
    assert len(token) >= 43  # 32 bytes, base64url: at least 256 bits
    digest = security.hash_token(token)
    assert len(digest) == 64 and token not in digest


@pytest.mark.production_hash
def test_production_hashes_use_the_documented_argon2id_parameters():
    hashed = security.hash_password("tea after the late shift")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert security.verify_password("tea after the late shift", hashed)
    assert not security.needs_rehash(hashed)


def test_a_hash_made_with_older_parameters_still_verifies_and_asks_for_an_update():
    security.use_hash_cost(memory_cost=8, rounds=1, parallelism=1)
    old = security.hash_password("tea after the late shift")
    security.use_hash_cost(memory_cost=16, rounds=2, parallelism=1)
    assert security.verify_password("tea after the late shift", old)
    assert security.needs_rehash(old)
    assert not security.needs_rehash(security.hash_password("tea after the late shift"))


def test_existing_argon2id_hashes_from_argon2_cffi_still_verify():
    # passlib 1.7.4 stored argon2-cffi's standard PHC strings; any such hash must still sign in.
    from argon2 import PasswordHasher

    existing = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1).hash("x")
    assert existing.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert security.verify_password("x", existing)
    assert not security.verify_password("y", existing)
    assert security.needs_rehash(existing)
