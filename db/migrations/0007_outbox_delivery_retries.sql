ALTER TABLE `outbox` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `nextAttemptAt` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `lastError` text;--> statement-breakpoint
CREATE INDEX `outbox_next_attempt_idx` ON `outbox` (`nextAttemptAt`);