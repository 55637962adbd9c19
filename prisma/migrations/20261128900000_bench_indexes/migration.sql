-- The task list's default order (open work first, most urgent on top: status DESC, dueAt,
-- id) read from an index instead of sorting every task: with 100,000 tasks the first page
-- of GET /api/tasks for a manager took 0.4 s on the embedded database (bench/RESULTS.md).
-- CreateIndex
CREATE INDEX "Task_status_dueAt_id_idx" ON "Task"("status" DESC, "dueAt", "id");
