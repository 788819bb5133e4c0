"""Turning course files into chunks: loaders, Thai text handling, chunking, incremental sync."""
