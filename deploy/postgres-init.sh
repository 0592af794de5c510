#!/bin/sh
# Runs once, when the postgres container first creates its data folder (docker-entrypoint-initdb.d):
# the owner that migrates and the application's role that runs Warden, neither of them a superuser
# (docs/operations.md, "Least privilege"). The passwords come from deploy/warden.env.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$WARDEN_OWNER_PASSWORD" -v app_pw="$WARDEN_APP_PASSWORD" <<'SQL'
CREATE ROLE warden_owner LOGIN PASSWORD :'owner_pw';
CREATE ROLE warden_app LOGIN PASSWORD :'app_pw';
CREATE DATABASE warden OWNER warden_owner;
SQL
