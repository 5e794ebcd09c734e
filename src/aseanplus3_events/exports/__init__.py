"""The data in the forms other tools read: one module per format.

`jsonld` (schema.org JSON-LD), `annotations` (the evidence as W3C Web Annotations),
`html` (the source view: each source's text with the evidence highlighted), `tables`
(the flat tables, CSV and a Frictionless Data Package), `parquet` (the same tables as
Parquet; the extra ``parquet``) and `xlsx` (the same tables as a workbook; the extra
``xlsx``).  They read a `Dataset` through its public methods, like any other caller;
importing this package imports none of them.
"""
