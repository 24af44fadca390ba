"""Scripted trials of a vendor change, each in a scratch copy of the checkout.

`python -m codegen.trials.scratch_change` (`nox -s scratch`): a new Goodstack parameter and
field reach users with no hand edit. `python -m codegen.trials.change_cost` (`nox -s
change-cost`): what a retrieve-by-id operation costs by hand.
"""
