-- Drives the aslint language server from a real Neovim (0.7+ API), headless.
-- Environment: ASLINT_SERVER (command, JSON array), ASLINT_FILE (definition to open),
-- ASLINT_OUT (JSON result file), ASLINT_COMPLETE_AT and ASLINT_RENAME_AT ("line,character",
-- 0-based), ASLINT_NEW_NAME.
local out = { steps = {} }

local function write_out()
  vim.fn.writefile({ vim.fn.json_encode(out) }, vim.env.ASLINT_OUT)
end

local function pos(s)
  local l, c = s:match("^(%d+),(%d+)$")
  return { line = tonumber(l), character = tonumber(c) }
end

local ok, err = pcall(function()
  local cmd = vim.fn.json_decode(vim.env.ASLINT_SERVER)
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.ASLINT_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "aslint",
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(vim.env.ASLINT_FILE, ":h"),
    init_options = { debounce = 50 },
  })
  assert(client_id, "the client did not start")
  vim.lsp.buf_attach_client(bufnr, client_id)
  table.insert(out.steps, "attached")

  -- 1. diagnostics
  local got = vim.wait(15000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50)
  assert(got, "no diagnostics within 15 s")
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code
    if code == nil and d.user_data and d.user_data.lsp then
      code = d.user_data.lsp.code
    end
    table.insert(out.diagnostics, {
      line = d.lnum,
      column = d.col,
      end_line = d.end_lnum,
      end_column = d.end_col,
      severity = d.severity,
      source = d.source,
      code = code,
      message = d.message,
    })
  end
  table.insert(out.steps, "diagnostics")

  -- 2. completion
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = pos(vim.env.ASLINT_COMPLETE_AT) }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", params, 10000)
  assert(responses and responses[client_id], "no completion response")
  assert(not responses[client_id].err, vim.inspect(responses[client_id].err))
  local result = responses[client_id].result
  local items = result and (result.items or result) or {}
  out.completion = {}
  for _, item in ipairs(items) do
    table.insert(out.completion, item.label)
  end
  table.insert(out.steps, "completion")

  -- 3. rename, applied like vim.lsp.buf.rename does, then :w
  local rparams = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = pos(vim.env.ASLINT_RENAME_AT), newName = vim.env.ASLINT_NEW_NAME }
  local renamed = vim.lsp.buf_request_sync(bufnr, "textDocument/rename", rparams, 10000)
  assert(renamed and renamed[client_id], "no rename response")
  assert(not renamed[client_id].err, vim.inspect(renamed[client_id].err))
  vim.lsp.util.apply_workspace_edit(renamed[client_id].result, "utf-16")
  vim.cmd("write")
  table.insert(out.steps, "rename")

  -- the server saw the edit: its findings now name the new state
  vim.wait(10000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.message:find(vim.env.ASLINT_NEW_NAME, 1, true) then
        return true
      end
    end
    return false
  end, 50)
  out.after_rename = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out.after_rename, d.message)
  end
  vim.lsp.stop_client(client_id)
end)

if not ok then
  out.error = tostring(err)
end
write_out()
vim.cmd(ok and "qa!" or "cquit!")
