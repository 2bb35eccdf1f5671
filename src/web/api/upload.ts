import { ApiError, csrfHeaders } from './client.ts';
import type { paths } from './openapi.d.ts';

// Evidence files go up as multipart/form-data. openapi-fetch would need a FormData body serializer and
// cannot report progress, so this one call uses XMLHttpRequest, with the same CSRF header as every change.

export type TUploadedEvidence =
  paths['/api/v1/orgs/{org}/evidence']['post']['responses']['201']['content']['application/json'];

export interface TEvidenceUpload {
  file: File;
  title: string;
  controlCodes: string[];
  validFrom: string;
  validUntil: string;
}

/** Uploads one evidence file; `onProgress` gets the share sent (0 to 1). Throws the server's ApiError. */
export function uploadEvidence(
  org: string,
  upload: TEvidenceUpload,
  onProgress?: (sent: number) => void,
): Promise<TUploadedEvidence> {
  const form = new FormData();
  // The fields before the file: the server reads the parts in order.
  form.append('controls', upload.controlCodes.join(','));
  if (upload.title.trim()) form.append('title', upload.title.trim());
  if (upload.validFrom) form.append('validFrom', upload.validFrom);
  if (upload.validUntil) form.append('validUntil', upload.validUntil);
  form.append('file', upload.file, upload.file.name);

  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1/orgs/${encodeURIComponent(org)}/evidence`);
    for (const [name, value] of Object.entries(csrfHeaders())) request.setRequestHeader(name, value);
    request.setRequestHeader('accept', 'application/json');
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status === 201) resolve(request.response as TUploadedEvidence);
      else reject(new ApiError(request.status, request.response));
    };
    request.onerror = () =>
      reject(new Error('the upload did not reach the server; check the connection and try again'));
    request.send(form);
  });
}
