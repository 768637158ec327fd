CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'utkast' NOT NULL,
	`organiserOrganisationId` integer,
	`hostOrganisationId` integer,
	`place` text,
	`digitalLink` text,
	`municipality` text,
	`capacity` integer,
	`organisationQuota` integer,
	`registrationOpensAt` integer,
	`registrationClosesAt` integer,
	`guides` text DEFAULT '[]' NOT NULL,
	`questions` text DEFAULT '[]' NOT NULL,
	`startsAt` integer NOT NULL,
	`endsAt` integer NOT NULL,
	`createdBy` integer,
	`createdAt` integer NOT NULL,
	`updatedAt` integer NOT NULL,
	`publishedAt` integer,
	`cancelledAt` integer,
	`cancellationMessage` text,
	FOREIGN KEY (`organiserOrganisationId`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`hostOrganisationId`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`createdBy`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activities_slug_unique` ON `activities` (`slug`);--> statement-breakpoint
CREATE INDEX `activities_status_start_idx` ON `activities` (`status`,`startsAt`);--> statement-breakpoint
CREATE TABLE `activity_dates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activityId` integer NOT NULL,
	`startsAt` integer NOT NULL,
	`endsAt` integer NOT NULL,
	FOREIGN KEY (`activityId`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `activity_dates_activity_idx` ON `activity_dates` (`activityId`,`startsAt`);--> statement-breakpoint
CREATE TABLE `activity_attendance` (
	`registrationId` integer NOT NULL,
	`activityDateId` integer NOT NULL,
	`markedBy` integer,
	`markedAt` integer NOT NULL,
	PRIMARY KEY(`registrationId`, `activityDateId`),
	FOREIGN KEY (`registrationId`) REFERENCES `activity_registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activityDateId`) REFERENCES `activity_dates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`markedBy`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `activity_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activityId` integer NOT NULL,
	`userId` integer NOT NULL,
	`status` text NOT NULL,
	`waitlistSeq` integer,
	`offerExpiresAt` integer,
	`offerCount` integer DEFAULT 0 NOT NULL,
	`specialNeeds` text,
	`answers` text DEFAULT '[]' NOT NULL,
	`motivation` text,
	`decisionMessage` text,
	`nominatedBy` integer,
	`createdAt` integer NOT NULL,
	`updatedAt` integer NOT NULL,
	FOREIGN KEY (`activityId`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`nominatedBy`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_registrations_one_per_person` ON `activity_registrations` (`activityId`,`userId`);--> statement-breakpoint
CREATE INDEX `activity_registrations_status_idx` ON `activity_registrations` (`activityId`,`status`,`waitlistSeq`);--> statement-breakpoint
CREATE INDEX `activity_registrations_user_idx` ON `activity_registrations` (`userId`);