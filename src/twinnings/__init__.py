"""Twinnings: an open platform for twinning agreements between cities and regions."""
