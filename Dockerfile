# One image for the console and the gateway (docker-compose.yml runs two of each).
# Build: docker build -t warden .   The console: npm start. A gateway: npm run gateway -- --config <file>.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# `npm ci` runs `prisma generate`, which reads the schema: copy it first so dependencies cache apart from sources.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
  && mkdir -p /var/lib/warden/checkpoints /var/lib/warden/spool /var/lib/warden/archive \
  && chown -R node:node /var/lib/warden
USER node
EXPOSE 3000 8787
CMD ["npm", "start"]
