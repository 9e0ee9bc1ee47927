"""Win/loss: deals won, lost or undecided, why, and their words back as evidence."""
