"""The partner finder's API at /api/v1/: recommendations and consortia of a place, notices,
expressions of interest and conversations; one router per concern, gathered here."""

from ninja import Router

from twinnings.partners.api.consortia import router as consortia_router
from twinnings.partners.api.conversations import router as conversations_router
from twinnings.partners.api.notices import router as notices_router
from twinnings.partners.api.recommendations import router as recommendations_router

router = Router()
router.add_router("", recommendations_router)
router.add_router("", consortia_router)
router.add_router("", notices_router)
router.add_router("", conversations_router)
