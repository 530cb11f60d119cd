"""From validated responses to results: export tables with a codebook, and a report with charts.

Both read the responses through one streaming pass (`collection`); nothing holds more than one
response at a time.
"""
