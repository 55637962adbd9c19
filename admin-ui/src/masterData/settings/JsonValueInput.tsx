import { TextField } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { FieldTitle, InputHelperText, useInput, type Validator } from 'react-admin';
import { INVALID_JSON, isInvalidJsonMarker, sameJson, toJsonText } from './settingValue';

const mustBeJson: Validator = (value: unknown) =>
  value === undefined || value === '' ? 'ra.validation.required' : isInvalidJsonMarker(value) ? 'masterData.validation.json' : undefined;

/**
 * A JSON value edited as text. While the text parses, the form holds the parsed value (so the
 * API receives {value: <JSON>}); while it does not, the form holds a marker the validator
 * rejects. Server 422 `details.value` shows under the field like any other field error.
 */
export const JsonValueInput = ({ source, label, helperText }: { source: string; label?: string; helperText?: ReactNode }) => {
  const { field, fieldState, id, isRequired } = useInput({
    source,
    validate: mustBeJson,
    format: (v: unknown) => v,
    parse: (v: unknown) => v,
  });
  const [text, setText] = useState<string>(() => (isInvalidJsonMarker(field.value) ? field.value[INVALID_JSON] : toJsonText(field.value)));

  useEffect(() => {
    if (isInvalidJsonMarker(field.value)) return;
    let current: unknown;
    try {
      current = JSON.parse(text);
    } catch {
      current = Symbol('unparsable');
    }
    if (!sameJson(current, field.value)) setText(toJsonText(field.value));
  }, [field.value]);

  const onChange = (next: string) => {
    setText(next);
    try {
      if (next.trim() === '') throw new Error('empty');
      field.onChange(JSON.parse(next) as unknown);
    } catch {
      field.onChange({ [INVALID_JSON]: next });
    }
  };

  return (
    <TextField
      id={id}
      name={field.name}
      inputRef={field.ref}
      value={text}
      onChange={(event) => onChange(event.target.value)}
      onBlur={field.onBlur}
      multiline
      minRows={2}
      fullWidth
      error={fieldState.invalid}
      label={<FieldTitle label={label} source={source} isRequired={isRequired} />}
      helperText={<InputHelperText error={fieldState.error?.message} helperText={helperText} />}
      slotProps={{
        htmlInput: {
          'data-testid': 'masterdata-setting-value-input',
          spellCheck: false,
          style: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
        },
      }}
    />
  );
};
