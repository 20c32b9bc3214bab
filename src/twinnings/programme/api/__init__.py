"""The programme's API at /api/v1/: one router per concern, gathered here."""

from ninja import Router

from twinnings.programme.api import activities, budget, calendar, dashboard, indicators, participants
from twinnings.programme.api.reports import router as reports_router

router = Router()
router.add_router("", reports_router)
router.add_router("", calendar.router)
router.add_router("", dashboard.router)
router.add_router("", activities.router)
router.add_router("", participants.router)
router.add_router("", budget.router)
router.add_router("", indicators.router)
