"""The application: settings, wiring, command line (and later the conversation engine and channels)."""
