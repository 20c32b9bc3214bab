"""Thin views of the programme, one module per concern (activities, budget, calendar, reports)."""
