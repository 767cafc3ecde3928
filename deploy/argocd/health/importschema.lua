-- Argo CD health of an ImportSchema (importoperator.io/v1alpha1), from its Ready condition.
-- Ready True: Healthy. Ready False: Degraded with the problem. No Ready condition yet: Progressing.
local hs = { status = "Progressing", message = "Waiting for the operator to check the schema" }
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and obj.status.observedGeneration ~= nil and obj.status.observedGeneration < generation then
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Ready" then
    local text = condition.message
    if text == nil or text == "" then text = condition.reason or "" end
    if condition.status == "True" then
      hs.status = "Healthy"
      hs.message = (text ~= "" and text) or "Ready"
    elseif condition.status == "False" then
      hs.status = "Degraded"
      if condition.reason ~= nil and condition.reason ~= "" and condition.message ~= nil and condition.message ~= "" then
        text = condition.reason .. ": " .. condition.message
      end
      hs.message = (text ~= "" and text) or "Not ready"
    else
      hs.message = (text ~= "" and text) or "Readiness unknown"
    end
    return hs
  end
end
return hs
