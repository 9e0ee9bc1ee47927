"""How any feature's API answers a request that started slow work: 202 and the job."""

from __future__ import annotations

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from tandem.platform.jobs.service import JobPublic


def accepted(job: JobPublic) -> JSONResponse:
    """202 Accepted for slow work: the job in the body, its URL in Location, to poll."""
    return JSONResponse(jsonable_encoder(job), status_code=202,
                        headers={"Location": job.url})
