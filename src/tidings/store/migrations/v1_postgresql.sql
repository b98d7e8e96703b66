-- Schema version 1 (postgresql), exactly as Tidings 0.1 created it with metadata.create_all.
-- Frozen: migration 0001 runs it; later changes are later migrations.

CREATE TABLE IF NOT EXISTS articles (
	id VARCHAR NOT NULL, 
	url TEXT, 
	title TEXT, 
	source TEXT, 
	published DATE, 
	language VARCHAR, 
	authors JSON, 
	status TEXT NOT NULL, 
	text TEXT NOT NULL, 
	structure JSON, 
	analysed_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	tidings_version VARCHAR, 
	analysis JSON NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS duplicates (
	article_id VARCHAR NOT NULL, 
	ref TEXT NOT NULL, 
	duplicate_of VARCHAR NOT NULL, 
	similarity FLOAT NOT NULL, 
	method VARCHAR NOT NULL, 
	PRIMARY KEY (article_id, ref)
);
CREATE INDEX IF NOT EXISTS ix_duplicates_of ON duplicates (duplicate_of);

CREATE TABLE IF NOT EXISTS failures (
	ref TEXT NOT NULL, 
	reason TEXT NOT NULL, 
	kind VARCHAR NOT NULL, 
	at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (ref)
);

CREATE TABLE IF NOT EXISTS feeds (
	url VARCHAR NOT NULL, 
	etag TEXT, 
	last_modified TEXT, 
	title TEXT, 
	polled_at TIMESTAMP WITH TIME ZONE, 
	last_status INTEGER, 
	PRIMARY KEY (url)
);

CREATE TABLE IF NOT EXISTS meta (
	key VARCHAR NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY (key)
);

CREATE TABLE IF NOT EXISTS actors (
	article_id VARCHAR NOT NULL, 
	actor_id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	kind VARCHAR NOT NULL, 
	country VARCHAR, 
	affiliation VARCHAR, 
	sponsor VARCHAR, 
	sector VARCHAR, 
	kb_id VARCHAR, 
	cameo VARCHAR, 
	roles JSON, 
	PRIMARY KEY (article_id, actor_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS event_actors (
	article_id VARCHAR NOT NULL, 
	event_id VARCHAR NOT NULL, 
	role VARCHAR NOT NULL, 
	actor_id VARCHAR NOT NULL, 
	n INTEGER NOT NULL, 
	PRIMARY KEY (article_id, event_id, role, actor_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ix_event_actors_actor ON event_actors (actor_id);

CREATE TABLE IF NOT EXISTS events (
	article_id VARCHAR NOT NULL, 
	event_id VARCHAR NOT NULL, 
	type VARCHAR NOT NULL, 
	mode VARCHAR, 
	cameo VARCHAR, 
	certainty VARCHAR NOT NULL, 
	polarity VARCHAR NOT NULL, 
	attributed_to VARCHAR, 
	conditional BOOLEAN NOT NULL, 
	generic BOOLEAN NOT NULL, 
	tense VARCHAR NOT NULL, 
	place_id VARCHAR, 
	date_value VARCHAR, 
	fatalities FLOAT, 
	trigger_text TEXT NOT NULL, 
	trigger_start INTEGER NOT NULL, 
	trigger_end INTEGER NOT NULL, 
	sentence_start INTEGER NOT NULL, 
	sentence_end INTEGER NOT NULL, 
	confidence FLOAT NOT NULL, 
	PRIMARY KEY (article_id, event_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ix_events_type ON events (type);

CREATE TABLE IF NOT EXISTS feed_entries (
	feed_url VARCHAR NOT NULL, 
	entry_id VARCHAR NOT NULL, 
	link TEXT, 
	status VARCHAR NOT NULL, 
	reason TEXT, 
	article_id VARCHAR, 
	seen_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (feed_url, entry_id), 
	FOREIGN KEY(feed_url) REFERENCES feeds (url) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS mentions (
	article_id VARCHAR NOT NULL, 
	actor_id VARCHAR NOT NULL, 
	n INTEGER NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (article_id, actor_id, n), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS places (
	article_id VARCHAR NOT NULL, 
	place_id VARCHAR NOT NULL, 
	text TEXT NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	geonameid BIGINT, 
	kind VARCHAR NOT NULL, 
	country VARCHAR, 
	admin1 TEXT, 
	lat FLOAT, 
	lon FLOAT, 
	confidence FLOAT NOT NULL, 
	PRIMARY KEY (article_id, place_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS quotes (
	article_id VARCHAR NOT NULL, 
	quote_id VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	text TEXT NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	speaker VARCHAR, 
	cue TEXT, 
	via TEXT, 
	via_actor VARCHAR, 
	confidence FLOAT NOT NULL, 
	PRIMARY KEY (article_id, quote_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS times (
	article_id VARCHAR NOT NULL, 
	time_id VARCHAR NOT NULL, 
	text TEXT NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	value VARCHAR, 
	range_start VARCHAR, 
	range_end VARCHAR, 
	PRIMARY KEY (article_id, time_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
