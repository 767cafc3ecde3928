-- Argo CD health of a HeadlessImport (importoperator.io/v1alpha1), from status.phase.
-- AWAITING_UPLOAD, PENDING, RUNNING: Progressing. SUCCESSFUL: Healthy. NEEDS_REVIEW: Suspended (a person must
-- act; the reason says why). FAILED: Degraded with the operator's message. No status yet: Progressing.
local hs = { status = "Progressing", message = "Waiting for the operator to pick up the import" }
if obj.status == nil or obj.status.phase == nil then
  return hs
end
local status = obj.status
local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and status.observedGeneration ~= nil and status.observedGeneration < generation then
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end
local function describe(default)
  local text = status.message
  if text == nil or text == "" then text = default end
  if status.reason ~= nil and status.reason ~= "" then
    return status.reason .. ": " .. text
  end
  return text
end
local phase = status.phase
if phase == "SUCCESSFUL" then
  hs.status = "Healthy"
  local rows = status.resultMetadata and status.resultMetadata.numResultRows
  if rows ~= nil then
    hs.message = "Imported " .. tostring(rows) .. " row(s)"
  else
    hs.message = "Imported"
  end
elseif phase == "NEEDS_REVIEW" then
  hs.status = "Suspended"
  hs.message = describe("The import needs a person to review it")
elseif phase == "FAILED" then
  hs.status = "Degraded"
  hs.message = describe("The import failed")
elseif phase == "AWAITING_UPLOAD" then
  hs.message = "Waiting for the file to be uploaded to status.upload"
elseif phase == "PENDING" then
  hs.message = "Waiting for the processing Job to start"
elseif phase == "RUNNING" then
  hs.message = "Processing"
else
  hs.message = "Unknown phase " .. tostring(phase)
end
return hs
