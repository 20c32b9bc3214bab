"""Annual reports of the programme: assembled once (build) into plain data (data), rendered as a
page and PDF (page, templates), as CSV and XLSX (tables, formats) and served as JSON by the API."""
