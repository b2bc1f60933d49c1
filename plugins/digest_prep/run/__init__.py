"""Running many raw files: what needs converting (plan), the parallel pool (pool), what the run did (summary).

conversion.run_conversion ties them together; each file's own trip is pipeline.convert_file.
"""
