"""The installed wheel as a user's type checkers see it (`nox -s typing`).

`reports` reads the checkers' output (which errors, where; pyright's type completeness);
`checking` sets up a virtualenv with only the wheel and runs mypy and pyright on
`tests/consumer/consumer.py` and on a copy with one field misspelt.
"""
