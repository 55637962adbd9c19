import { InputAdornment, TextField } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { FieldTitle, InputHelperText, useInput, type Validator } from 'react-admin';
import { formatScaled, isScaledInteger, parseScaled } from './decimal';

/**
 * A decimal entered with at most two fraction digits and stored in the form as an integer
 * scaled by 100: yuan -> fen (MoneyInput) or percent -> basis points (PercentInput).
 * While the text is not a valid amount the form holds the raw text, which the validator
 * rejects, so nothing but integers (or null) can ever be submitted.
 */
export interface ScaledDecimalInputProps {
  source: string;
  label?: string | false;
  helperText?: ReactNode;
  validate?: Validator | Validator[];
  /** Upper bound of the scaled integer (e.g. 10000 bp = 100%). */
  max?: number;
  adornment: { position: 'start' | 'end'; text: string };
  maxMessage?: string;
  readOnly?: boolean;
  disabled?: boolean;
  fullWidth?: boolean;
  className?: string;
  'data-testid'?: string;
}

const sameValue = (a: unknown, b: unknown): boolean => {
  if (a == null || a === '') return b == null || b === '';
  if (isScaledInteger(a) && isScaledInteger(b)) return String(a) === String(b);
  return a === b;
};

const toText = (value: unknown): string => {
  if (value == null || value === '') return '';
  if (isScaledInteger(value)) return formatScaled(value);
  return typeof value === 'string' ? value : '';
};

export const ScaledDecimalInput = (props: ScaledDecimalInputProps) => {
  const { source, label, helperText, validate, max, adornment, maxMessage, readOnly, disabled, fullWidth, className } = props;
  const checkDecimal: Validator = (value: unknown) => {
    if (value == null || value === '') return undefined;
    if (!isScaledInteger(value)) return 'masterData.validation.decimal2';
    if (max !== undefined && Number(value) > max) return maxMessage ?? 'masterData.validation.tooLarge';
    return undefined;
  };
  const validators = [checkDecimal, ...(Array.isArray(validate) ? validate : validate ? [validate] : [])];
  const { field, fieldState, id, isRequired } = useInput({
    source,
    validate: validators,
    format: (v: unknown) => v,
    parse: (v: unknown) => v,
    readOnly,
    disabled,
  });
  const [text, setText] = useState<string>(() => toText(field.value));

  // Follow changes made outside this input (record loaded, form reset).
  useEffect(() => {
    const parsed = parseScaled(text);
    const current = parsed === undefined ? text : parsed;
    if (!sameValue(current, field.value)) setText(toText(field.value));
  }, [field.value]);

  const onChange = (next: string) => {
    setText(next);
    const parsed = parseScaled(next);
    field.onChange(parsed === undefined ? next : parsed);
  };

  const adornmentNode = <InputAdornment position={adornment.position}>{adornment.text}</InputAdornment>;
  return (
    <TextField
      id={id}
      name={field.name}
      inputRef={field.ref}
      value={text}
      onChange={(event) => onChange(event.target.value)}
      onBlur={() => {
        // Normalise "12.5" to "12.50" once the user leaves the field.
        const parsed = parseScaled(text);
        if (parsed != null) setText(formatScaled(parsed));
        field.onBlur();
      }}
      className={className}
      fullWidth={fullWidth}
      disabled={disabled}
      error={fieldState.invalid}
      label={label === false ? undefined : <FieldTitle label={label} source={source} isRequired={isRequired} />}
      helperText={<InputHelperText error={fieldState.error?.message} helperText={helperText} />}
      slotProps={{
        input: {
          readOnly,
          ...(adornment.position === 'start' ? { startAdornment: adornmentNode } : { endAdornment: adornmentNode }),
        },
        htmlInput: { inputMode: 'decimal', 'data-testid': props['data-testid'] },
      }}
    />
  );
};

/** Money: entered in yuan with at most two decimals, stored as integer fen. */
export const MoneyInput = (props: Omit<ScaledDecimalInputProps, 'adornment'>) => (
  <ScaledDecimalInput {...props} adornment={{ position: 'start', text: '¥' }} />
);

/** Share: entered in percent with at most two decimals, stored as integer basis points (30% = 3000). */
export const PercentInput = (props: Omit<ScaledDecimalInputProps, 'adornment' | 'max'>) => (
  <ScaledDecimalInput {...props} max={10000} maxMessage="masterData.validation.percentRange" adornment={{ position: 'end', text: '%' }} />
);
