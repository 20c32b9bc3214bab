"""The programme's API at /api/v1/: one router per concern, gathered here."""

from ninja import Router

router = Router()
