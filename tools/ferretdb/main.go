// Command capgate-ferretdb runs FerretDB's embeddable package as Capgate's
// zero-config MongoDB-compatible engine (SQLite by default, PostgreSQL on request).
//
// It prints exactly one line "MONGODB_URI=mongodb://host:port/" on stdout when the
// listener is bound, and stops on SIGINT/SIGTERM or when its standard input closes
// (with -watch-stdin), so that it never outlives the Node process that spawned it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	dataDir := flag.String("data-dir", ".data/db", "directory that holds the SQLite databases")
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free port)")
	handler := flag.String("handler", "sqlite", "storage handler: sqlite or postgresql")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL for the postgresql handler")
	watchStdin := flag.Bool("watch-stdin", false, "exit when standard input is closed")
	logLevel := flag.String("log-level", "error", "FerretDB log level: debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fatal("invalid -log-level: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	config := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
		Handler:  *handler,
	}
	switch *handler {
	case "sqlite":
		absolute, err := filepath.Abs(*dataDir)
		if err != nil {
			fatal("cannot resolve data directory: %v", err)
		}
		if err := os.MkdirAll(absolute, 0o700); err != nil {
			fatal("cannot create data directory %s: %v", absolute, err)
		}
		// FerretDB requires the SQLite URI to name a directory and end with a slash.
		config.SQLiteURL = "file:" + absolute + "/"
	case "postgresql":
		if *postgresURL == "" {
			fatal("-postgresql-url is required with -handler postgresql")
		}
		config.PostgreSQLURL = *postgresURL
	default:
		fatal("unknown -handler %q (want sqlite or postgresql)", *handler)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	engine, err := ferretdb.New(config)
	if err != nil {
		fatal("cannot start FerretDB: %v", err)
	}
	fmt.Printf("MONGODB_URI=%s\n", engine.MongoDBURI())

	if err := engine.Run(ctx); err != nil {
		fatal("FerretDB stopped: %v", err)
	}
}

func fatal(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "capgate-ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
