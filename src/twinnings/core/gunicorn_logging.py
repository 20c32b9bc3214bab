"""gunicorn's own lines (workers booting, timeouts) as JSON too: `twinnings serve` passes
`--logger-class twinnings.core.gunicorn_logging.JsonLogger` when TWINNINGS_LOG_FORMAT=json."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from twinnings.core.logs import JsonFormatter


class JsonLogger(Logger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for handler in [*self.error_log.handlers, *self.access_log.handlers]:
            handler.setFormatter(JsonFormatter())
