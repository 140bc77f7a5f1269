-- Web chat: the sites (origins) allowed to embed a web channel's widget, space-separated.
ALTER TABLE channel ADD COLUMN allowed_origins TEXT;
