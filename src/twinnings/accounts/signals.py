from django.dispatch import Signal

place_verified = Signal()
"""Sent with `place` when platform staff verify a place's first administrator."""
