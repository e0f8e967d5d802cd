// Demo only: loads the fictional members' share codes into the dashboard.
const button = document.getElementById('demo-load');
button.addEventListener('click', async () => {
  const dashboard = await document.querySelector('greenfit-dashboard').ready;
  const response = await fetch('demo/fictional-members.txt');
  dashboard.loadText(await response.text(), 'fictional-members.txt');
});
