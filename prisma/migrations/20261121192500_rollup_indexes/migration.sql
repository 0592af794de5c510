-- CreateIndex
CREATE INDEX "ToolCallRollup_agent_hour_idx" ON "ToolCallRollup"("agent", "hour");

-- CreateIndex
CREATE INDEX "ToolCallRollup_agent_tool_idx" ON "ToolCallRollup"("agent", "tool");

