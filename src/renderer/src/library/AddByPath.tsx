import { useState, type FormEvent } from 'react';

/** Add a file or folder by typing its path: the only way in the browser host, a fast one anywhere. */
export function AddByPath({ disabled, onAdd }: { disabled: boolean; onAdd: (paths: string[]) => Promise<void> }) {
  const [path, setPath] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = path.trim();
    if (trimmed === '') return;
    void onAdd([trimmed]).then(() => setPath(''));
  };
  return (
    <form className="add-by-path" onSubmit={submit}>
      <input
        type="text"
        value={path}
        onChange={(event) => setPath(event.target.value)}
        placeholder="/path/to/video.mp4 or a folder"
        aria-label="Path of a video file or folder to add"
        spellCheck={false}
      />
      <button type="submit" disabled={disabled || path.trim() === ''}>
        Add
      </button>
    </form>
  );
}
