"""The data in the forms other tools read: one module per format.

`jsonld` (schema.org JSON-LD) and `tables` (CSV and a Frictionless Data Package).  They
read a `Dataset` through its public methods, like any other caller.
"""
