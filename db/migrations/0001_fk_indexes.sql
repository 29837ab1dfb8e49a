CREATE INDEX `failed_jobs_user_idx` ON `failed_jobs` (`user_id`);--> statement-breakpoint
CREATE INDEX `notifications_book_idx` ON `notifications` (`book_id`);