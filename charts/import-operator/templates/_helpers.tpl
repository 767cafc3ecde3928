{{/* Names, labels and the settings shared by several templates. */}}

{{- define "import-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "import-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "import-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "import-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector labels of one component: call with (dict "root" $ "component" "operator"). */}}
{{- define "import-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "import-operator.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "import-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{- define "import-operator.operatorServiceAccount" -}}
{{- default (include "import-operator.fullname" .) .Values.operator.serviceAccount.name }}
{{- end }}

{{- define "import-operator.workerServiceAccount" -}}
{{- default (printf "%s-worker" (include "import-operator.fullname" .)) .Values.worker.serviceAccount.name }}
{{- end }}

{{- define "import-operator.reviewServiceAccount" -}}
{{- default (printf "%s-review" (include "import-operator.fullname" .)) .Values.review.serviceAccount.name }}
{{- end }}

{{/* The Secret with accessKeyId/secretAccessKey, or "" when storage uses workload identity. */}}
{{- define "import-operator.storageSecret" -}}
{{- if .Values.storage.existingSecret }}
{{- .Values.storage.existingSecret }}
{{- else if .Values.storage.credentials.accessKeyId }}
{{- printf "%s-storage" (include "import-operator.fullname" .) }}
{{- end }}
{{- end }}

{{- define "import-operator.webhookKeySecret" -}}
{{- if .Values.webhooks.signingKey.existingSecret }}
{{- .Values.webhooks.signingKey.existingSecret }}
{{- else if .Values.webhooks.signingKey.generate }}
{{- printf "%s-webhook-signing-key" (include "import-operator.fullname" .) }}
{{- end }}
{{- end }}

{{- define "import-operator.reviewKeySecret" -}}
{{- if .Values.review.enabled }}
{{- default (printf "%s-review-signing-key" (include "import-operator.fullname" .)) .Values.review.signingKey.existingSecret }}
{{- end }}
{{- end }}

{{/* status.reviewUrl's base: review.baseUrl, else https://<first ingress host><first path>. */}}
{{- define "import-operator.reviewBaseUrl" -}}
{{- if .Values.review.enabled }}
{{- if .Values.review.baseUrl }}
{{- .Values.review.baseUrl }}
{{- else if .Values.review.ingress.enabled }}
{{- $host := first .Values.review.ingress.hosts }}
{{- $path := (first $host.paths).path }}
{{- printf "https://%s%s" $host.host (trimSuffix "/" $path) }}
{{- else }}
{{- printf "http://%s-review.%s.svc:%v" (include "import-operator.fullname" .) .Release.Namespace .Values.review.service.port }}
{{- end }}
{{- end }}
{{- end }}

{{/* Seconds as a .NET TimeSpan ("c" format, d.hh:mm:ss), as the operator's configuration binds it. */}}
{{- define "import-operator.timespan" -}}
{{- $s := int . }}
{{- $d := div $s 86400 }}
{{- $rest := mod $s 86400 }}
{{- if gt $d 0 }}{{ printf "%d." $d }}{{ end }}{{ printf "%02d:%02d:%02d" (div $rest 3600) (div (mod $rest 3600) 60) (mod $rest 60) }}
{{- end }}

{{/* Where the mounted Secrets and the configuration file live inside the pods. */}}
{{- define "import-operator.paths" -}}
config: /etc/import-operator
storage: /var/run/secrets/import-operator/storage
webhookKey: /var/run/secrets/import-operator/webhook
reviewKey: /var/run/secrets/import-operator/review
{{- end }}

{{/* Standard OTEL_* variables for one component: call with (dict "root" $ "service" "import-operator"). */}}
{{- define "import-operator.otelEnv" -}}
{{- $t := .root.Values.telemetry }}
- name: OTEL_SERVICE_NAME
  value: {{ .service | quote }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "service.namespace=%s,service.version=%s" .root.Release.Namespace .root.Chart.AppVersion | quote }}
{{- if $t.otlp.endpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $t.otlp.endpoint | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: {{ $t.otlp.protocol | quote }}
{{- if $t.otlp.headers }}
- name: OTEL_EXPORTER_OTLP_HEADERS
  value: {{ $t.otlp.headers | quote }}
{{- end }}
{{- else }}
- name: OTEL_TRACES_EXPORTER
  value: none
- name: OTEL_LOGS_EXPORTER
  value: none
{{- end }}
{{- if and $t.prometheus.enabled .metrics }}
- name: OTEL_METRICS_EXPORTER
  value: {{ ternary "otlp,prometheus" "prometheus" (not (empty $t.otlp.endpoint)) | quote }}
- name: OTEL_EXPORTER_PROMETHEUS_HOST
  value: 0.0.0.0
- name: OTEL_EXPORTER_PROMETHEUS_PORT
  value: {{ $t.prometheus.port | quote }}
{{- else if not $t.otlp.endpoint }}
- name: OTEL_METRICS_EXPORTER
  value: none
{{- end }}
{{- end }}
