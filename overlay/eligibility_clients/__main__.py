"""`python -m eligibility_clients`: the `eligibility-clients` command (needs the `cli` extra)."""

from ._cli import main

if __name__ == "__main__":
    main()
